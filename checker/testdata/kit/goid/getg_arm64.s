#include "textflag.h"

// func Getg() unsafe.Pointer: the current goroutine's runtime struct, which
// arm64 Go code keeps in register g (R28).
TEXT ·Getg(SB),NOSPLIT,$0-8
	MOVD g, R0
	MOVD R0, ret+0(FP)
	RET
