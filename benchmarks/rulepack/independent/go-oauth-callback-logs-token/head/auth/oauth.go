package auth

import (
	"log"
	"net/http"

	"golang.org/x/oauth2"
)

type OAuth struct {
	Conf *oauth2.Config
}

func (o *OAuth) Callback(w http.ResponseWriter, r *http.Request) {
	code := r.URL.Query().Get("code")
	tok, err := o.Conf.Exchange(r.Context(), code)
	if err != nil {
		log.Printf("oauth exchange failed: %v", err)
		http.Error(w, "login failed", http.StatusUnauthorized)
		return
	}
	log.Printf("oauth login ok: access_token=%s refresh=%s expiry=%s", tok.AccessToken, tok.RefreshToken, tok.Expiry)
	http.SetCookie(w, &http.Cookie{Name: "sid", Value: newSessionFor(tok), HttpOnly: true, Secure: true, Path: "/"})
	http.Redirect(w, r, "/", http.StatusFound)
}

func newSessionFor(tok *oauth2.Token) string { return "" }
