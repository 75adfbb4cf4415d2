package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Filter struct {
	Status   string
	Assignee string
	Limit    int
}

type Search struct {
	pool *pgxpool.Pool
}

func (s *Search) Count(ctx context.Context, f Filter) (int64, error) {
	conds := []string{"deleted_at IS NULL"}
	args := []any{}
	if f.Status != "" {
		args = append(args, f.Status)
		conds = append(conds, fmt.Sprintf("status = $%d", len(args)))
	}
	if f.Assignee != "" {
		args = append(args, f.Assignee)
		conds = append(conds, fmt.Sprintf("assignee = $%d", len(args)))
	}
	query := "SELECT count(*) FROM tickets WHERE " + strings.Join(conds, " AND ")
	var n int64
	err := s.pool.QueryRow(ctx, query, args...).Scan(&n)
	return n, err
}
