package repo

import "database/sql"

type Users struct{ db *sql.DB }

func (r *Users) IDByLogin(login string) (int64, error) {
	var id int64
	err := r.db.QueryRow("SELECT id FROM users WHERE login = '" + login + "'").Scan(&id)
	return id, err
}
