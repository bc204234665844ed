// The one place that includes GLPK's C header. Only the GLPKBackend target imports this module.
// Debian: apt-get install -y libglpk-dev (GLPK 5.0, GPL-3.0-or-later).
#include <glpk.h>
