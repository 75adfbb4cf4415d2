package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Ticket struct {
	ID       int64
	Subject  string
	Assignee string
	Opened   time.Time
}

type Tickets struct {
	pool *pgxpool.Pool
}

func NewTickets(pool *pgxpool.Pool) *Tickets { return &Tickets{pool: pool} }

// ForAssignee lists the open tickets of one agent, newest first.
func (t *Tickets) ForAssignee(ctx context.Context, assignee string) ([]Ticket, error) {
	sql := "SELECT id, subject, assignee, opened_at FROM tickets WHERE closed_at IS NULL AND assignee = '" + assignee + "' ORDER BY opened_at DESC"
	rows, err := t.pool.Query(ctx, sql)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Ticket
	for rows.Next() {
		var tk Ticket
		if err := rows.Scan(&tk.ID, &tk.Subject, &tk.Assignee, &tk.Opened); err != nil {
			return nil, err
		}
		out = append(out, tk)
	}
	return out, rows.Err()
}
