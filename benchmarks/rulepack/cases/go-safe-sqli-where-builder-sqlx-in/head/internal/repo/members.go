package repo

import (
	"context"
	"strings"

	"github.com/jmoiron/sqlx"
)

type MemberQuery struct {
	TeamIDs []int64
	Role    string
	Name    string
}

type Members struct {
	db *sqlx.DB
}

// where returns the WHERE clause for q with its bound values.
func where(q MemberQuery) (string, []any) {
	clauses := []string{"1 = 1"}
	var args []any
	if q.Role != "" {
		clauses = append(clauses, "role = ?")
		args = append(args, q.Role)
	}
	if q.Name != "" {
		clauses = append(clauses, "name ILIKE ?")
		args = append(args, "%"+q.Name+"%")
	}
	return strings.Join(clauses, " AND "), args
}

func (m *Members) Find(ctx context.Context, q MemberQuery) ([]Member, error) {
	cond, args := where(q)
	sqlText, inArgs, err := sqlx.In("SELECT id, name, role FROM members WHERE team_id IN (?) AND "+cond, q.TeamIDs)
	if err != nil {
		return nil, err
	}
	var out []Member
	err = m.db.SelectContext(ctx, &out, m.db.Rebind(sqlText), append(inArgs, args...)...)
	return out, err
}
