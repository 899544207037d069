/* NSPR's CPU configuration for a Windows (mingw-w64) build of gcatrust's NSS worker.
 *
 * Debian's libnspr4-dev installs the Linux prcpucfg.h (XP_UNIX, PR_BYTES_PER_LONG 8), which is
 * wrong for 64-bit Windows, where long has 4 bytes (LLP64): NSPR's PRInt64/PRTime would be 32 bits.
 * NSPR's own Windows configuration ships in the same package as md/_winnt.cfg; it selects x64 by
 * _M_X64/_AMD64_, which MSVC defines and gcc does not, hence _AMD64_ here. Only types and
 * prototypes are used: the worker loads the Windows Firefox's nss3.dll at run time.
 *
 * Force-included (-include) before anything else: prtypes.h includes "prcpucfg.h" from its own
 * folder first, and both files share the guard nspr_cpucfg___, so the Linux one then adds nothing.
 */
#ifndef GCATRUST_PLATFORM_WINDOWS_NSPR_WINDOWS_CONFIG_H_
#define GCATRUST_PLATFORM_WINDOWS_NSPR_WINDOWS_CONFIG_H_

#if defined(__x86_64__) && !defined(_AMD64_)
#define _AMD64_
#endif
#include <md/_winnt.cfg>

#endif /* GCATRUST_PLATFORM_WINDOWS_NSPR_WINDOWS_CONFIG_H_ */
