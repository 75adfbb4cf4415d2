package api

import (
	"net/http"
	"net/url"
)

const mapsAPIKey = "AIzaSyD4kq9r2X8fLmNpQ7vTzW1yBcE3hJ6uK0s"

func Geocode(address string) (*http.Response, error) {
	q := url.Values{"address": {address}, "key": {mapsAPIKey}}
	return http.Get("https://maps.googleapis.com/maps/api/geocode/json?" + q.Encode())
}
