package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

type importReq struct {
	FeedURL string `json:"feed_url"`
}

func ImportFeed(c *gin.Context) {
	var req importReq
	if err := c.ShouldBindJSON(&req); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	resp, err := http.Get(req.FeedURL)
	if err != nil {
		c.AbortWithStatus(http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	c.Status(resp.StatusCode)
}
