#include "textflag.h"

// func Getg() unsafe.Pointer: the current goroutine's runtime struct, read
// from thread-local storage the way the runtime's own get_tls/g macros do.
TEXT ·Getg(SB),NOSPLIT,$0-8
	MOVQ TLS, CX
	MOVQ 0(CX)(TLS*1), AX
	MOVQ AX, ret+0(FP)
	RET
