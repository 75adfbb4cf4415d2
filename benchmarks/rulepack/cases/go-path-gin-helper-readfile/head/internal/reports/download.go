package reports

import (
	"net/http"
	"os"
	"path/filepath"

	"github.com/gin-gonic/gin"
)

const exportDir = "/var/lib/app/exports"

func loadExport(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join(exportDir, name))
}

func Download(c *gin.Context) {
	name := c.Param("name")
	data, err := loadExport(name)
	if err != nil {
		c.Status(http.StatusNotFound)
		return
	}
	c.Header("Content-Disposition", "attachment; filename=\""+filepath.Base(name)+"\"")
	c.Data(http.StatusOK, "text/csv", data)
}
