package audit

import (
	"database/sql"
	"net/http"
)

type Store struct {
	db         *sql.DB
	byUserStmt *sql.Stmt
}

func Open(db *sql.DB) (*Store, error) {
	stmt, err := db.Prepare("SELECT at, action FROM audit_log WHERE user_id = $1 ORDER BY at DESC LIMIT 100")
	if err != nil {
		return nil, err
	}
	return &Store{db: db, byUserStmt: stmt}, nil
}

func (s *Store) Handler(w http.ResponseWriter, r *http.Request) {
	rows, err := s.byUserStmt.QueryContext(r.Context(), r.URL.Query().Get("user"))
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	w.WriteHeader(http.StatusOK)
}
