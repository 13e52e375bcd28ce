/* admin.h: the sub-commands of borikan-admin (admin.c dispatches). */
#ifndef ADMIN_H
#define ADMIN_H
int	admin_add_unit(int argc, char **argv);
int	admin_add_person(int argc, char **argv);
int	admin_grant(int argc, char **argv);
int	admin_set_password(int argc, char **argv);
int	admin_set_memo_format(int argc, char **argv);
int	admin_sla_check(int argc, char **argv);
int	admin_purge_unconfirmed(int argc, char **argv);
int	admin_lms_create_course(int argc, char **argv);
#endif
