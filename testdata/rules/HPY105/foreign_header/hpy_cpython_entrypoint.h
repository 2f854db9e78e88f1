/* The project's own file that happens to have the shim's name: the fix would
   include it, so HPY105 is reported without one. */
#define OWN_ENTRYPOINT 1
