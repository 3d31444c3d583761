package load

// BadFiles is badFiles, for the external tests of this package.
var BadFiles = badFiles
