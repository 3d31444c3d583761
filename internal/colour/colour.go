// Package colour parses the CSS hex colours of site.toml and measures their
// contrast as WCAG 2.2 defines it (relative luminance, contrast ratio), so
// that a brand colour can be checked before it reaches a page.
//
// It is written here rather than taken from a library: WCAG's formulas are
// a dozen lines, and the colour libraries for Go (go-colorful and others)
// bring colour spaces and blending that ladder does not use.
package colour

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// RGB is an sRGB colour with 8 bits per channel.
type RGB struct{ R, G, B uint8 }

// Parse reads a CSS hex colour: "#rgb" or "#rrggbb", in either case.
func Parse(s string) (RGB, error) {
	h, ok := strings.CutPrefix(s, "#")
	if !ok {
		return RGB{}, fmt.Errorf("%q is not a hex colour: write it as #rrggbb", s)
	}
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 {
		return RGB{}, fmt.Errorf("%q is not a hex colour: write it as #rrggbb or #rgb", s)
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return RGB{}, fmt.Errorf("%q is not a hex colour: use the digits 0-9 and a-f", s)
	}
	return RGB{uint8(v >> 16), uint8(v >> 8), uint8(v)}, nil
}

// String returns the colour as "#rrggbb".
func (c RGB) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Luminance returns the relative luminance of c, from 0 (black) to 1
// (white).
func (c RGB) Luminance() float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// Contrast returns the contrast ratio of a and b, from 1 to 21.
func Contrast(a, b RGB) float64 {
	la, lb := a.Luminance(), b.Luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Darken returns the lightest shade of c (c scaled towards black) whose
// contrast with every colour of against is at least min, and whether one
// exists.
func Darken(c RGB, min float64, against ...RGB) (RGB, bool) {
	for f := 1.0; f >= 0; f -= 0.01 {
		d := RGB{uint8(float64(c.R) * f), uint8(float64(c.G) * f), uint8(float64(c.B) * f)}
		ok := true
		for _, a := range against {
			if Contrast(d, a) < min {
				ok = false
				break
			}
		}
		if ok {
			return d, true
		}
	}
	return RGB{}, false
}
