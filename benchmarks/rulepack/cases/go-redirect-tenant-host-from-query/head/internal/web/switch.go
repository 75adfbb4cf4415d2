package web

import (
	"net/http"
	"net/url"
)

// SwitchTenant moves the user to the same page on another tenant's
// sub-domain after the tenant picker.
func (h *Handlers) SwitchTenant(w http.ResponseWriter, r *http.Request) {
	tenantHost := r.URL.Query().Get("host")
	if tenantHost == "" {
		http.Error(w, "missing host", http.StatusBadRequest)
		return
	}
	target := url.URL{Scheme: "https", Host: tenantHost, Path: r.URL.Query().Get("path")}
	h.audit.Record(r.Context(), "tenant.switch", tenantHost)
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, target.String(), http.StatusFound)
}
