package users

import (
	"gorm.io/gorm"
)

type User struct {
	ID    uint
	Email string
	Team  string
}

type Repository struct {
	db *gorm.DB
}

func (r *Repository) InTeam(team string, page int) ([]User, error) {
	var users []User
	err := r.db.Where("team = '" + team + "'").
		Order("email").
		Offset(page * 50).
		Limit(50).
		Find(&users).Error
	return users, err
}
