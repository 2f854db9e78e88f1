/* hpylint:generated cpython-entrypoint
 * generator: hpylint
 * version: 0
 * sha256: 709b2c69e49cf5c4d58c9bace819cff575daedb018c40ded8691c909d1314c3f
 * Generated: do not edit. hpylint rewrites this file and uses the sha256
 * of everything below this comment to notice an edited copy.
 */
/* An earlier, single-phase draft of the entrypoint: kept as the example of
   a header written by an older generator version. It is never compiled. */
#ifndef HPY_CPYTHON_ENTRYPOINT_H
#define HPY_CPYTHON_ENTRYPOINT_H
#define HPY_CPYTHON_ENTRYPOINT_VERSION 0
#define HPY_CPYTHON_ENTRYPOINT(ext)
#endif
