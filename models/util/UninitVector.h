// UninitVector: a std::vector whose resize() leaves new elements of a trivial type as they
// are, for buffers that are written in full right after they grow (no fill to pay for).
#pragma once

#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace cl {

template <class T> class DefaultInitAllocator : public std::allocator<T>
{
public:
    static_assert(std::is_trivial_v<T>);
    template <class U> struct rebind
    {
        using other = DefaultInitAllocator<U>;
    };
    DefaultInitAllocator() = default;
    template <class U> DefaultInitAllocator(const DefaultInitAllocator<U> &) noexcept {}

    /// Value-initialisation (what resize() asks for) becomes default-initialisation.
    template <class U> void construct(U *p) noexcept { ::new (static_cast<void *>(p)) U; }
    template <class U, class... Args> void construct(U *p, Args &&...args)
    {
        ::new (static_cast<void *>(p)) U(std::forward<Args>(args)...);
    }
};

template <class T> using UninitVector = std::vector<T, DefaultInitAllocator<T>>;

} // namespace cl
