package repo

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type User struct {
	ID    int64  `db:"id"`
	Email string `db:"email"`
	Team  string `db:"team"`
}

type Users struct {
	DB *sqlx.DB
}

func (u *Users) ByEmail(ctx context.Context, email string) (User, error) {
	var user User
	err := u.DB.GetContext(ctx, &user, `SELECT id, email, team FROM users WHERE email = $1`, email)
	return user, err
}

func (u *Users) InTeams(ctx context.Context, teams []string) ([]User, error) {
	query, args, err := sqlx.In(`SELECT id, email, team FROM users WHERE team IN (?) ORDER BY email`, teams)
	if err != nil {
		return nil, err
	}
	query = u.DB.Rebind(query)
	var users []User
	err = u.DB.SelectContext(ctx, &users, query, args...)
	return users, err
}
