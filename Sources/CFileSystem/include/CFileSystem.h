#ifndef SLUICE_CFILESYSTEM_H
#define SLUICE_CFILESYSTEM_H

/// Atomically swaps two paths (files or directories) with renameat2(RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (EINVAL or ENOSYS where the
/// file system or kernel cannot exchange, so callers can fall back).
int sluice_rename_exchange(const char *from, const char *to);

#endif
