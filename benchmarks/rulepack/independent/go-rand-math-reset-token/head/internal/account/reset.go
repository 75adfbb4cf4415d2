package account

import (
	"context"
	"fmt"
	"math/rand"
	"time"
)

const resetAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"

func newResetToken(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = resetAlphabet[rand.Intn(len(resetAlphabet))]
	}
	return string(b)
}

// RequestPasswordReset mails a one-hour reset link to the account's address.
func (s *Service) RequestPasswordReset(ctx context.Context, email string) error {
	user, err := s.users.ByEmail(ctx, email)
	if err != nil {
		// Do not reveal whether the address is registered.
		return nil
	}
	token := newResetToken(32)
	if err := s.resets.Save(ctx, user.ID, token, time.Now().Add(time.Hour)); err != nil {
		return fmt.Errorf("save reset token: %w", err)
	}
	link := fmt.Sprintf("%s/reset-password?token=%s", s.baseURL, token)
	return s.mailer.Send(ctx, user.Email, "Reset your password", link)
}
