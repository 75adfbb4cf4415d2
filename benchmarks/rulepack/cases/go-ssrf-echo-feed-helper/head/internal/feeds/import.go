package feeds

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

type rss struct {
	Items []struct {
		Title string `xml:"title"`
		Link  string `xml:"link"`
	} `xml:"channel>item"`
}

type Importer struct {
	HTTP *http.Client
}

func (i *Importer) fetch(ctx context.Context, feedURL string) (*rss, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, feedURL, nil)
	if err != nil {
		return nil, err
	}
	resp, err := i.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var feed rss
	if err := xml.NewDecoder(io.LimitReader(resp.Body, 2<<20)).Decode(&feed); err != nil {
		return nil, err
	}
	return &feed, nil
}

func (i *Importer) Preview(c echo.Context) error {
	feedURL := c.QueryParam("feed")
	feed, err := i.fetch(c.Request().Context(), feedURL)
	if err != nil {
		return echo.NewHTTPError(http.StatusBadGateway, "could not read the feed")
	}
	return c.JSON(http.StatusOK, feed.Items)
}
