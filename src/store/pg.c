#include "store/sql_int.h"
const struct sql_driver sql_pg_driver = {.name = "postgresql", .engine = SQL_POSTGRESQL};
