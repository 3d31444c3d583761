package export

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// bom starts every CSV file: without it, Excel reads a CSV file in the
// system's legacy code page and garbles every accented letter.
const bom = "\uFEFF"

// CSV returns the table as a CSV file that Excel opens correctly: UTF-8
// with a byte order mark, fields quoted as RFC 4180 says, lines ended by
// CRLF. A text cell that a spreadsheet would take for a formula (it starts
// with =, +, -, @, a tab or a carriage return) gets a leading apostrophe,
// which spreadsheets hide and ladder import removes.
func CSV(t Table) []byte {
	var b bytes.Buffer
	b.WriteString(bom)
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	_ = w.Write(t.Header) // a bytes.Buffer does not fail
	rec := make([]string, len(t.Header))
	for _, row := range t.Rows {
		for i, c := range row {
			rec[i] = c.Text
			if !c.IsNumber {
				rec[i] = Defuse(c.Text)
			}
		}
		_ = w.Write(rec)
	}
	w.Flush()
	return b.Bytes()
}

// Defuse returns s with a leading apostrophe when a spreadsheet would read
// it as a formula, so that text from the content (or from an LMS) cannot
// run one in the reader's spreadsheet.
func Defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Meta is what a workbook says about itself in its document properties.
type Meta struct {
	Title   string    // the site's title
	Created time.Time // the date the workbook says it was made; the zero time means 2000-01-01
}

// Creator is the creator a workbook written by WriteXLSX names in its
// document properties; the command line overwrites only workbooks that
// name it (see Owned).
const Creator = "ladder export"

// Widths of columns, in characters: at least a header's width, at most
// maxWidth (longer text wraps).
const (
	minWidth = 6
	maxWidth = 60
)

// XLSX returns the tables as one workbook, a sheet per table in order: the
// header row bold, frozen and filtered, columns as wide as their text (long
// text wraps), numbers as numbers, and each cell's note as a comment. The
// bytes depend on the tables and meta alone: the document properties carry
// meta.Created, never the clock, and the zip entries no time at all.
func XLSX(tables []Table, meta Meta) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	created := meta.Created
	if created.IsZero() {
		created = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	stamp := created.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: meta.Title, Creator: Creator, LastModifiedBy: Creator,
		Created: stamp, Modified: stamp, Description: "Career framework exported by ladder",
	}); err != nil {
		return nil, fmt.Errorf("workbook properties: %w", err)
	}
	header, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	})
	if err != nil {
		return nil, err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return nil, err
	}
	top, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	for i, t := range tables {
		if err := sheet(f, i, t, header, wrap, top); err != nil {
			return nil, fmt.Errorf("sheet %q: %w", t.Sheet, err)
		}
	}
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("write workbook: %w", err)
	}
	return buf.Bytes(), nil
}

// sheet writes table t as the i-th sheet of f.
func sheet(f *excelize.File, i int, t Table, header, wrap, top int) error {
	name := t.Sheet
	if i == 0 {
		if err := f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(name); err != nil {
		return err
	}
	for c, h := range t.Header {
		if err := f.SetCellStr(name, cellName(c, 0), h); err != nil {
			return err
		}
	}
	for r, row := range t.Rows {
		for c, cell := range row {
			ref := cellName(c, r+1)
			var err error
			switch {
			case cell.IsNumber:
				err = f.SetCellFloat(name, ref, cell.Number, -1, 64)
			case cell.Text != "":
				err = f.SetCellStr(name, ref, cell.Text)
			}
			if err != nil {
				return err
			}
			if cell.Note != "" {
				if err := f.AddComment(name, excelize.Comment{Cell: ref, Author: "ladder", Text: cell.Note}); err != nil {
					return err
				}
			}
		}
	}
	last := cellName(len(t.Header)-1, len(t.Rows))
	for c := range t.Header {
		col := colName(c)
		w := width(t, c)
		if err := f.SetColWidth(name, col, col, float64(w)); err != nil {
			return err
		}
		style := top
		if w >= maxWidth {
			style = wrap
		}
		if len(t.Rows) > 0 {
			if err := f.SetCellStyle(name, cellName(c, 1), cellName(c, len(t.Rows)), style); err != nil {
				return err
			}
		}
	}
	if err := f.SetCellStyle(name, "A1", cellName(len(t.Header)-1, 0), header); err != nil {
		return err
	}
	if err := f.AutoFilter(name, "A1:"+last, nil); err != nil {
		return err
	}
	return f.SetPanes(name, &excelize.Panes{
		Freeze: true, XSplit: t.Frozen, YSplit: 1,
		TopLeftCell: cellName(t.Frozen, 1), ActivePane: pane(t.Frozen),
		Selection: []excelize.Selection{{SQRef: cellName(t.Frozen, 1), ActiveCell: cellName(t.Frozen, 1), Pane: pane(t.Frozen)}},
	})
}

// pane is the pane that scrolls when the header row and frozen columns
// stay.
func pane(frozen int) string {
	if frozen > 0 {
		return "bottomRight"
	}
	return "bottomLeft"
}

// width is the width of column c of t: its longest line of text (a
// header word wraps, so the header counts by its longest word), within
// minWidth and maxWidth, plus room for the filter button.
func width(t Table, c int) int {
	w := 0
	for _, word := range strings.Fields(t.Header[c]) {
		w = max(w, utf8.RuneCountInString(word))
	}
	w = max(w, utf8.RuneCountInString(t.Header[c])*2/3)
	for _, row := range t.Rows {
		for _, line := range strings.Split(row[c].Text, "\n") {
			w = max(w, utf8.RuneCountInString(line))
		}
	}
	return min(max(w+3, minWidth), maxWidth)
}

// colName returns the letters of column c (0-based): A, …, Z, AA, ….
func colName(c int) string {
	s := ""
	for c++; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}

// cellName returns the reference of the cell in column c and row r, both
// 0-based ("A1" for 0, 0).
func cellName(c, r int) string { return fmt.Sprintf("%s%d", colName(c), r+1) }

// Owned reports whether data is a workbook that XLSX wrote, by the creator
// in its document properties: an export may replace it, and nothing else.
func Owned(data []byte) bool {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return false
	}
	defer f.Close()
	p, err := f.GetDocProps()
	return err == nil && p.Creator == Creator
}
