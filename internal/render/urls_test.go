package render

import "testing"

func TestParseBase(t *testing.T) {
	tests := []struct {
		base, origin, path string
		err                bool
	}{
		{base: "/", path: "/"},
		{base: "", path: "/"},
		{base: "/careers/", path: "/careers/"},
		{base: "/careers", path: "/careers/"},
		{base: "careers/", path: "/careers/"},
		{base: "/hr/careers/", path: "/hr/careers/"},
		{base: "https://intranet.example.com/careers/", origin: "https://intranet.example.com", path: "/careers/"},
		{base: "https://intranet.example.com/careers", origin: "https://intranet.example.com", path: "/careers/"},
		{base: "https://intranet.example.com", origin: "https://intranet.example.com", path: "/"},
		{base: "http://localhost:1313/", origin: "http://localhost:1313", path: "/"},
		{base: "https:///careers/", err: true},
		{base: "mailto:hr@example.com", err: true},
		{base: "http://[::1", err: true},
	}
	for _, tt := range tests {
		u, err := parseBase(tt.base, false)
		if tt.err {
			if err == nil {
				t.Errorf("parseBase(%q) = %+v, want an error", tt.base, u)
			}
			continue
		}
		if err != nil {
			t.Errorf("parseBase(%q): %v", tt.base, err)
			continue
		}
		if u.origin != tt.origin || u.path != tt.path || u.relative {
			t.Errorf("parseBase(%q) = origin %q path %q, want %q %q", tt.base, u.origin, u.path, tt.origin, tt.path)
		}
	}
	if u, err := parseBase("/x/", true); err != nil || !u.relative {
		t.Errorf("relative_urls not kept: %+v, %v", u, err)
	}
}

func TestHref(t *testing.T) {
	tests := []struct {
		base     string
		relative bool
		from, to string
		want     string
	}{
		{"/", false, "/", "/tracks/", "/tracks/"},
		{"/", false, "/tracks/eng/", "/", "/"},
		{"/careers/", false, "/", "/tracks/", "/careers/tracks/"},
		{"/careers/", false, "/tracks/eng/", "/courses/linux/", "/careers/courses/linux/"},
		{"/careers/", false, "/", "/", "/careers/"},
		{"/careers/", false, "/", "", "/careers/"},
		{"/careers/", false, "/", "tracks/", "/careers/tracks/"},
		{"/careers/", false, "/", "/assets/style.css?v=1", "/careers/assets/style.css?v=1"},
		{"/careers/", false, "/", "/programs/x/#intakes", "/careers/programs/x/#intakes"},
		// An absolute base URL still gives root-relative links: pages
		// work on any host that serves them, the dev server too.
		{"https://intranet.example.com/careers/", false, "/", "/tracks/", "/careers/tracks/"},

		// relative_urls: links relative to the page, to index.html files.
		{"/", true, "/", "/tracks/", "tracks/index.html"},
		{"/", true, "/", "/", "index.html"},
		{"/", true, "/tracks/", "/", "../index.html"},
		{"/", true, "/tracks/eng/", "/courses/linux/", "../../courses/linux/index.html"},
		{"/", true, "/tracks/eng/junior/", "/tracks/eng/", "../../../tracks/eng/index.html"},
		{"/", true, "/tracks/eng/", "/assets/style.css?v=1", "../../assets/style.css?v=1"},
		{"/", true, "/", "/programs/x/#intakes", "programs/x/index.html#intakes"},
		{"/", true, "/", "/#top", "index.html#top"},
		{"/", true, "/404.html", "/courses/", "courses/index.html"},
		{"/", true, "/data/framework.json", "/", "../index.html"},
		// The base path plays no part in relative links.
		{"/careers/", true, "/tracks/", "/courses/", "../courses/index.html"},
	}
	for _, tt := range tests {
		u, err := parseBase(tt.base, tt.relative)
		if err != nil {
			t.Fatal(err)
		}
		if got := u.href(tt.from, tt.to); got != tt.want {
			t.Errorf("base %q relative %v: href(%q, %q) = %q, want %q", tt.base, tt.relative, tt.from, tt.to, got, tt.want)
		}
	}
}

func TestAbs(t *testing.T) {
	tests := []struct {
		base, rel, want string
	}{
		{"/", "/tracks/", "/tracks/"},
		{"/", "/", "/"},
		{"/careers/", "/tracks/eng/", "/careers/tracks/eng/"},
		{"https://intranet.example.com/careers/", "/tracks/", "https://intranet.example.com/careers/tracks/"},
		{"https://intranet.example.com/careers/", "/", "https://intranet.example.com/careers/"},
		{"https://intranet.example.com", "/sitemap.xml", "https://intranet.example.com/sitemap.xml"},
	}
	for _, tt := range tests {
		u, err := parseBase(tt.base, false)
		if err != nil {
			t.Fatal(err)
		}
		if got := u.abs(tt.rel); got != tt.want {
			t.Errorf("base %q: abs(%q) = %q, want %q", tt.base, tt.rel, got, tt.want)
		}
	}
}
