// Types and constants only: Sluice loads libmariadb when a MySQL step first connects
// (SluiceConnectors/MySQL/MariaDBLibrary.swift), so the library is not linked.
#include <mariadb/mysql.h>
