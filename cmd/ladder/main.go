// Command ladder builds, previews and checks career-framework sites.
//
// See the README, or run "ladder help".
package main

import (
	"os"

	"github.com/ladder-ssg/ladder/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
