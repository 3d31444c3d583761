package colour

import (
	"math"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		err  bool
	}{
		{"#0a58a8", "#0a58a8", false},
		{"#0A58A8", "#0a58a8", false},
		{"#fff", "#ffffff", false},
		{"0a58a8", "", true},
		{"#0a58a", "", true},
		{"#ggg", "", true},
		{"red", "", true},
		{"", "", true},
	} {
		c, err := Parse(tc.in)
		if (err != nil) != tc.err {
			t.Errorf("Parse(%q): error %v, want error %v", tc.in, err, tc.err)
			continue
		}
		if err == nil && c.String() != tc.want {
			t.Errorf("Parse(%q) = %s, want %s", tc.in, c, tc.want)
		}
	}
}

// The ratios of black and white and of #777 on white are WCAG's own examples; the others follow from the formula.
func TestContrast(t *testing.T) {
	white, black := RGB{255, 255, 255}, RGB{}
	for _, tc := range []struct {
		a, b RGB
		want float64
	}{
		{white, black, 21},
		{white, white, 1},
		{RGB{0x0a, 0x58, 0xa8}, white, 7.06},
		{RGB{0x77, 0x77, 0x77}, white, 4.48},
		{RGB{0xff, 0xcc, 0x00}, white, 1.51},
	} {
		if got := Contrast(tc.a, tc.b); math.Abs(got-tc.want) > 0.01 {
			t.Errorf("Contrast(%s, %s) = %.2f, want %.2f", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestDarken(t *testing.T) {
	white := RGB{255, 255, 255}
	gold := RGB{0xff, 0xcc, 0x00}
	d, ok := Darken(gold, 4.5, white)
	if !ok || Contrast(d, white) < 4.5 {
		t.Fatalf("Darken(%s) = %s (%v), contrast %.2f", gold, d, ok, Contrast(d, white))
	}
	if lighter := (RGB{uint8(min(255, int(d.R)+4)), uint8(min(255, int(d.G)+4)), d.B}); Contrast(lighter, white) >= 4.5 {
		t.Errorf("Darken(%s) = %s is darker than it needs to be", gold, d)
	}
	if d, _ := Darken(RGB{0x0a, 0x58, 0xa8}, 4.5, white); d != (RGB{0x0a, 0x58, 0xa8}) {
		t.Errorf("a colour that passes is changed to %s", d)
	}
}
