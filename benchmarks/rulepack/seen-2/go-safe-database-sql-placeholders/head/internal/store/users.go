package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
)

type User struct {
	ID    int64  `json:"id"`
	Email string `json:"email"`
	Team  string `json:"team"`
}

type UserStore struct{ DB *sql.DB }

func (s *UserStore) ByTeam(ctx context.Context, team string, limit int) ([]User, error) {
	rows, err := s.DB.QueryContext(ctx, "SELECT id, email, team FROM users WHERE team = ? ORDER BY email LIMIT ?", team, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var users []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Email, &u.Team); err != nil {
			return nil, err
		}
		users = append(users, u)
	}
	return users, rows.Err()
}

func (s *UserStore) ListHandler(w http.ResponseWriter, r *http.Request) {
	users, err := s.ByTeam(r.Context(), r.URL.Query().Get("team"), 100)
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(users)
}
