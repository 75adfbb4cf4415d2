package store

import (
	"database/sql"
	"strings"
)

// SearchOptions come from the ticket list's query string.
type SearchOptions struct {
	Assignee string
	Labels   []string
	Sort     string
}

type TicketStore struct {
	db *sql.DB
}

func (t *TicketStore) Search(opts *SearchOptions) (*sql.Rows, error) {
	var b strings.Builder
	b.WriteString("SELECT id, title FROM tickets WHERE deleted_at IS NULL")
	clause := ""
	if opts.Assignee != "" {
		clause += " AND assignee = '" + opts.Assignee + "'"
	}
	if len(opts.Labels) > 0 {
		clause += " AND label IN ('" + strings.Join(opts.Labels, "','") + "')"
	}
	order := " ORDER BY updated_at DESC"
	if opts.Sort != "" {
		order = " ORDER BY " + opts.Sort
	}
	return t.db.Query("SELECT id, title FROM tickets WHERE deleted_at IS NULL" + clause + order)
}
