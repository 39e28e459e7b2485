//go:build unix

package output

import "syscall"

// noFollow makes opening a file fail rather than follow a link in its
// place (see freshDir).
const noFollow = syscall.O_NOFOLLOW
