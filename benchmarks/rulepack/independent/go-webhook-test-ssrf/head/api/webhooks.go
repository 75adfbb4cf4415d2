package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

type testDeliveryRequest struct {
	URL     string            `json:"url" binding:"required"`
	Payload map[string]string `json:"payload"`
}

var hookClient = &http.Client{Timeout: 10 * time.Second}

func TestDelivery(c *gin.Context) {
	var req testDeliveryRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	body, _ := json.Marshal(req.Payload)
	resp, err := hookClient.Post(req.URL, "application/json", bytes.NewReader(body))
	if err != nil {
		c.JSON(http.StatusBadGateway, gin.H{"error": err.Error()})
		return
	}
	defer resp.Body.Close()
	c.JSON(http.StatusOK, gin.H{"status": resp.StatusCode})
}
