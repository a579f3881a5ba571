# Build options of CampaignLens, in one place.
option(CAMPAIGNLENS_BUILD_TESTS "Build the Qt Test suites and benchmarks" ON)
option(CAMPAIGNLENS_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(CAMPAIGNLENS_PORTABLE_KERNELS
       "Fit kernels without x86 AVX clones or compiler shuffles (what other CPUs get)" OFF)
option(CAMPAIGNLENS_FUZZ "Build the libFuzzer targets (needs clang)" OFF)

set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
    set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()

# Warnings for our own targets only; third-party headers come in as SYSTEM.
add_library(campaignlens_warnings INTERFACE)
target_compile_options(campaignlens_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                                       -Wno-unused-parameter)
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    # Qt Test's QSKIP(statement, ...) is called with one argument, as Qt documents it.
    target_compile_options(campaignlens_warnings INTERFACE
                           -Wno-gnu-zero-variadic-macro-arguments)
endif()

if(CAMPAIGNLENS_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                        -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

if(CAMPAIGNLENS_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "CAMPAIGNLENS_FUZZ needs clang (-DCMAKE_CXX_COMPILER=clang++)")
    endif()
    # Coverage instrumentation everywhere; the fuzz executables add -fsanitize=fuzzer.
    add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined)
endif()

# The application id (reverse DNS): names the .desktop file and the AppStream metadata, and is
# the desktop file name the app reports (Wayland app id). A bank shipping its own build may set
# its own domain here.
set(CAMPAIGNLENS_APP_ID "org.campaignlens.CampaignLens" CACHE STRING
    "Application id for the .desktop file and AppStream metadata")
# The .deb's maintainer field.
set(CAMPAIGNLENS_MAINTAINER "CampaignLens maintainers <maintainers@campaignlens.invalid>"
    CACHE STRING "Maintainer named in the Debian package")
