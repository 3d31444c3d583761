//go:build !linux

package output

// exchange would swap two directories in one step; outside Linux there is
// no portable call for it, so the swap falls back to two renames.
func exchange(a, b string) error { return errNoExchange }
