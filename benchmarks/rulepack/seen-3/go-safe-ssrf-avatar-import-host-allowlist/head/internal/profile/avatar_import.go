package profile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

const maxAvatarBytes = 2 << 20

// Avatars can be imported from the identity providers we federate with.
var avatarHosts = map[string]bool{
	"avatars.githubusercontent.com": true,
	"secure.gravatar.com":           true,
	"lh3.googleusercontent.com":     true,
}

var avatarClient = &http.Client{
	Timeout: 5 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	},
}

var errAvatarSource = errors.New("avatar must be an https URL on a supported host")

// ImportAvatar downloads the picture at rawURL for the signed-in user.
func (s *Service) ImportAvatar(ctx context.Context, userID, rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "https" || u.Port() != "" || !avatarHosts[u.Hostname()] {
		return errAvatarSource
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return errAvatarSource
	}
	resp, err := avatarClient.Do(req)
	if err != nil {
		return fmt.Errorf("fetch avatar: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("fetch avatar: status %d", resp.StatusCode)
	}
	img, err := io.ReadAll(io.LimitReader(resp.Body, maxAvatarBytes))
	if err != nil {
		return fmt.Errorf("read avatar: %w", err)
	}
	return s.store.PutAvatar(ctx, userID, img)
}
