//go:build !unix

package output

// noFollow is not needed where os.OpenFile does not follow a link in
// the file's own place, or links need privileges to make (Windows).
const noFollow = 0
