package reports

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Query is decoded from the report screen's JSON body by the handler.
type Query struct {
	Region    string    `json:"region"`
	Product   string    `json:"product"`
	GroupBy   string    `json:"group_by"`
	From      time.Time `json:"from"`
	PageSize  int       `json:"page_size"`
}

type Row struct {
	Key   string
	Total int64
}

type Repo struct {
	pool *pgxpool.Pool
}

func (r *Repo) Totals(ctx context.Context, q Query) ([]Row, error) {
	group := q.GroupBy
	if group == "" {
		group = "region"
	}
	sql := fmt.Sprintf(`SELECT %s AS key, SUM(amount_cents) AS total
		FROM sales
		WHERE sold_at >= $1 AND region = '%s'
		GROUP BY 1 ORDER BY 2 DESC LIMIT %d`, group, q.Region, q.PageSize)
	if q.PageSize <= 0 {
		return nil, fmt.Errorf("page size must be positive")
	}
	rows, err := r.pool.Query(ctx, sql, q.From)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Row
	for rows.Next() {
		var row Row
		if err := rows.Scan(&row.Key, &row.Total); err != nil {
			return nil, err
		}
		out = append(out, row)
	}
	return out, rows.Err()
}
