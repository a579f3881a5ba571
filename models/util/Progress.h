// Progress reporting for long work: one callback that can also ask to cancel.
#pragma once

#include <QString>

#include <functional>

namespace cl {

/**
 * Called from the working thread with a fraction in [0, 1] and a short phase text.
 * Returns false to cancel; the work then stops at the next safe point and undoes itself.
 * An empty function means "no progress wanted, never cancel".
 */
using ProgressCallback = std::function<bool(double fraction, const QString &phase)>;

inline bool reportProgress(const ProgressCallback &cb, double fraction, const QString &phase)
{
    return !cb || cb(fraction, phase);
}

} // namespace cl
