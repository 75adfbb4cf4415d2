package handlers

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"github.com/gin-gonic/gin"
	"github.com/gorilla/mux"
)

func GetUser(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	q := fmt.Sprintf("SELECT id FROM users WHERE name = '%s'", name)
	// ruleid: pr-review.go.sql-injection
	rows, err := db.Query(q)
	// ok: pr-review.go.sql-injection
	rows2, err := db.Query("SELECT id FROM users WHERE name = $1", name)
	_ = rows
	_ = rows2
	_ = err
}

func DeleteItem(w http.ResponseWriter, r *http.Request) {
	id := mux.Vars(r)["id"]
	// ruleid: pr-review.go.sql-injection
	db.Exec("DELETE FROM items WHERE id = " + id)
	n, _ := strconv.Atoi(r.FormValue("limit"))
	// ok: pr-review.go.sql-injection
	db.Query(fmt.Sprintf("SELECT * FROM items LIMIT %d", n))
}

func Books(c *gin.Context) {
	author := c.Query("author")
	// ok: pr-review.go.sql-injection
	rows, _ := db.Query("SELECT id FROM books WHERE author = ?", author)
	// ruleid: pr-review.go.sql-injection
	db.Where("author = '" + c.Param("author") + "'").Find(&books)
	_ = rows
}

type UserStore struct{ db *sql.DB }

func (s *UserStore) ByName(name string) (*sql.Rows, error) {
	// ruleid: pr-review.go.sql-injection
	return s.db.Query(fmt.Sprintf("SELECT id FROM users WHERE name = '%s'", name))
}

func (s *UserStore) ByEmail(email string) (*sql.Rows, error) {
	q := "SELECT id FROM users WHERE email = '" + email + "'"
	// ruleid: pr-review.go.sql-injection
	return s.db.Query(q)
}

func (s *UserStore) ByID(id int) (*sql.Rows, error) {
	// ok: pr-review.go.sql-injection
	return s.db.Query(fmt.Sprintf("SELECT id FROM users WHERE id = %d", id))
}

func (s *UserStore) ByTeam(team string) (*sql.Rows, error) {
	// ok: pr-review.go.sql-injection
	return s.db.Query("SELECT id FROM users WHERE team = $1", team)
}

var sortColumns = map[string]string{"new": "created_at DESC", "top": "score DESC"}

func Sorted(db *sql.DB, w http.ResponseWriter, r *http.Request) {
	order, ok := sortColumns[r.URL.Query().Get("sort")]
	if !ok {
		order = "created_at DESC"
	}
	// ok: pr-review.go.sql-injection
	db.Query("SELECT id FROM posts ORDER BY " + order)
	page := struct{ Limit, Offset int }{}
	json.NewDecoder(r.Body).Decode(&page)
	// ok: pr-review.go.sql-injection
	db.Query(fmt.Sprintf("SELECT id FROM posts ORDER BY id LIMIT %d OFFSET %d", page.Limit, page.Offset))
	var f struct{ Status string }
	json.NewDecoder(r.Body).Decode(&f)
	// ruleid: pr-review.go.sql-injection
	db.Query(fmt.Sprintf("SELECT id FROM posts WHERE status = '%s' LIMIT %d", f.Status, page.Limit))
}

type Accounts struct {
	pool *pgxpool.Pool
	orm  *gorm.DB
	x    *sqlx.DB
}

func (a *Accounts) ByName(ctx context.Context, name string) error {
	// ruleid: pr-review.go.sql-injection
	rows, err := a.pool.Query(ctx, "SELECT id FROM accounts WHERE name = '"+name+"'")
	if err == nil {
		rows.Close()
	}
	// ok: pr-review.go.sql-injection
	_, err = a.pool.Exec(ctx, "UPDATE accounts SET seen_at = now() WHERE name = $1", name)
	return err
}

func (a *Accounts) ByRegion(region string) error {
	var rows []Account
	// ruleid: pr-review.go.sql-injection
	a.orm.Where("region = '" + region + "'").Find(&rows)
	// ok: pr-review.go.sql-injection
	return a.orm.Where("region = ?", region).Find(&rows).Error
}

func (a *Accounts) ByTag(ctx context.Context, tag string) error {
	var rows []Account
	// ruleid: pr-review.go.sql-injection
	return a.x.SelectContext(ctx, &rows, fmt.Sprintf("SELECT * FROM accounts WHERE tag = '%s'", tag))
}

func (a *Accounts) Lookup(db *sql.DB, w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	var rows []Account
	// ok: pr-review.go.sql-injection
	a.orm.Where(&Account{Name: name}).Find(&rows)
	// ok: pr-review.go.sql-injection
	a.orm.Where(map[string]interface{}{"name": name, "active": true}).Find(&rows)
	query, args, _ := sq.Select("id").From("accounts").Where(sq.Eq{"name": name}).ToSql()
	// ok: pr-review.go.sql-injection
	db.Query(query, args...)
	stmt, _ := db.Prepare("SELECT id FROM accounts WHERE name = ?")
	// ok: pr-review.go.sql-injection
	stmt.Query(name)
	// ruleid: pr-review.go.sql-injection
	a.orm.Where("name LIKE '%" + name + "%'").Find(&rows)
}

// data-access helpers that take a filter struct filled from the request elsewhere
type OrderFilter struct {
	CustomerID int64
	Status     string
	SortBy     string
	Limit      int
	IDs        []int64
}

func (s *OrderStore) List(ctx context.Context, f OrderFilter) ([]Order, error) {
	sortBy := f.SortBy
	if sortBy == "" {
		sortBy = "created_at"
	}
	query := "SELECT id FROM orders WHERE customer_id = $1 ORDER BY " + sortBy + " DESC"
	var orders []Order
	// ruleid: pr-review.go.sql-injection
	err := s.db.SelectContext(ctx, &orders, query, f.CustomerID)
	return orders, err
}

func (s *OrderStore) ByStatus(ctx context.Context, f *OrderFilter) (*sql.Rows, error) {
	where := "customer_id = " + strconv.FormatInt(f.CustomerID, 10)
	where += " AND status = '" + f.Status + "'"
	// ruleid: pr-review.go.sql-injection
	return s.db.QueryContext(ctx, "SELECT id FROM orders WHERE "+where)
}

func (s *OrderStore) Page(ctx context.Context, f OrderFilter) (*sql.Rows, error) {
	// ok: pr-review.go.sql-injection
	return s.db.QueryContext(ctx, fmt.Sprintf("SELECT id FROM orders WHERE status = $1 LIMIT %d", f.Limit), f.Status)
}

var allowedSorts = map[string]bool{"created_at": true, "total_cents": true}

func (s *OrderStore) Sorted(ctx context.Context, f OrderFilter) (*sql.Rows, error) {
	if !allowedSorts[f.SortBy] {
		return nil, errBadSort
	}
	// ok: pr-review.go.sql-injection
	return s.db.QueryContext(ctx, "SELECT id FROM orders ORDER BY "+f.SortBy)
}

func (s *OrderStore) ByIDs(ctx context.Context, f OrderFilter) (*sql.Rows, error) {
	placeholders := strings.TrimSuffix(strings.Repeat("?,", len(f.IDs)), ",")
	args := make([]any, 0, len(f.IDs))
	for _, id := range f.IDs {
		args = append(args, id)
	}
	// ok: pr-review.go.sql-injection
	return s.db.QueryContext(ctx, "SELECT id FROM orders WHERE id IN ("+placeholders+")", args...)
}

func (s *OrderStore) Search(ctx context.Context, f OrderFilter) (*sql.Rows, error) {
	where, args := buildWhere(f)
	// ok: pr-review.go.sql-injection
	return s.db.QueryContext(ctx, "SELECT id FROM orders WHERE "+where, args...)
}

func (s *OrderStore) Numbered(ctx context.Context, f OrderFilter) (*sql.Rows, error) {
	conds := []string{}
	args := []any{}
	if f.Status != "" {
		args = append(args, f.Status)
		conds = append(conds, "status = $"+strconv.Itoa(len(args)))
	}
	// ok: pr-review.go.sql-injection
	return s.db.QueryContext(ctx, "SELECT id FROM orders WHERE "+strings.Join(conds, " AND "), args...)
}

// a wrapper that passes its caller's query through
func (s *OrderStore) queryLimited(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	// ok: pr-review.go.sql-injection
	return s.db.QueryContext(ctx, query+" LIMIT 100", args...)
}
