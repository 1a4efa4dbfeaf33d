package workspace

import (
	"os/exec"
	"path"
	"strings"
)

// gitFiles reads the committed files of dir (relative to the repository
// root) at HEAD.
func gitFiles(root, dir string) (map[string][]byte, error) {
	out, err := exec.Command("git", "-C", root, "ls-tree", "--name-only", "HEAD", dir+"/").Output()
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, p := range strings.Fields(string(out)) {
		data, err := exec.Command("git", "-C", root, "show", "HEAD:"+p).Output()
		if err != nil {
			return nil, err
		}
		files[path.Base(p)] = data
	}
	return files, nil
}
