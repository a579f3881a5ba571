// Recognises known file layouts and maps source columns to the roles the app needs.
#pragma once

#include "data/ColumnRole.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace cl {

/// How one source column is used.
struct ColumnMapping
{
    QString sourceName; ///< header as in the file
    QString name;       ///< silver/raw column name (role name, or normalised header)
    ColumnRole role = ColumnRole::None;
    bool byUser = false; ///< set by an override, not detected
    /// `name` is not the file's (normalised) name: it was taken by an earlier column or by a
    /// column the import adds itself (row_id, age_band, previously_contacted, y).
    bool renamed = false;
    QString note; ///< why this role was chosen when not exact ("close to 'marital'")
};

struct LayoutMatch
{
    QString layout; ///< "bank-additional-full", "bank-full" or "custom"
    QList<ColumnMapping> columns;
    QString error; ///< e.g. no target column; empty when usable
    bool ok() const { return error.isEmpty(); }
    int indexOfRole(ColumnRole role) const;
};

namespace LayoutMatcher {

/// Maps a header to roles: exact names first, then known synonyms and close spellings,
/// then the user's overrides (source name -> role; ColumnRole::None unmaps).
LayoutMatch match(const QStringList &header, const QMap<QString, ColumnRole> &overrides = {});

/// "age", "target", "y", "emp.var.rate", "day_of_week", ... -> role. False if unknown.
bool parseRole(const QString &text, ColumnRole *role);

} // namespace LayoutMatcher

} // namespace cl
