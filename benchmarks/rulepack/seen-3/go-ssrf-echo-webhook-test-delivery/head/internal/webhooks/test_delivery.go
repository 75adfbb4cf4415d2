package webhooks

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

type testDeliveryRequest struct {
	URL         string `json:"url"`
	ContentType string `json:"content_type"`
}

type testDeliveryResult struct {
	Status   int    `json:"status"`
	Duration string `json:"duration"`
}

var deliveryClient = &http.Client{Timeout: 10 * time.Second}

// TestDelivery lets a repository admin try a webhook URL before saving it:
// it posts a sample "ping" payload and reports the status code.
func (h *Handler) TestDelivery(c echo.Context) error {
	var req testDeliveryRequest
	if err := c.Bind(&req); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "invalid body")
	}
	if req.ContentType == "" {
		req.ContentType = "application/json"
	}
	payload, err := json.Marshal(h.samplePayload(c.Param("owner"), c.Param("repo")))
	if err != nil {
		return err
	}

	ctx, cancel := context.WithTimeout(c.Request().Context(), 10*time.Second)
	defer cancel()
	hookReq, err := http.NewRequestWithContext(ctx, http.MethodPost, req.URL, bytes.NewReader(payload))
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "invalid url")
	}
	hookReq.Header.Set("Content-Type", req.ContentType)
	hookReq.Header.Set("X-Hook-Event", "ping")

	started := time.Now()
	resp, err := deliveryClient.Do(hookReq)
	if err != nil {
		return echo.NewHTTPError(http.StatusBadGateway, err.Error())
	}
	defer resp.Body.Close()
	return c.JSON(http.StatusOK, testDeliveryResult{
		Status:   resp.StatusCode,
		Duration: time.Since(started).Round(time.Millisecond).String(),
	})
}
