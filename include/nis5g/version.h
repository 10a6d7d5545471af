/* version.h — the program version, written into packages and reports. */
#ifndef NIS5G_VERSION_H
#define NIS5G_VERSION_H
#define NIS5G_VERSION "0.1.0"
#endif
