package render

import "time"

// date formats t as YYYY-MM-DD, or "" when it is zero.
func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}
