//go:build !linux

package output

import "errors"

// exchange is not available here; the caller renames aside instead.
func exchange(a, b string) error {
	return errors.New("atomic exchange is not supported on this system")
}
