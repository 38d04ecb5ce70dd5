// Command dockerfile-check parses a Dockerfile with BuildKit's own front end (the parser and instruction
// decoder `docker build` uses) and runs its build checks (`docker build --check` rules that need no build
// context). It prints the stages and any warning as JSON, and exits 1 on a parse error or a warning.
//
//	dockerfile-check deploy/Dockerfile
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

type stage struct {
	Name     string `json:"name"`
	BaseName string `json:"baseName"`
	Commands int    `json:"commands"`
}

type report struct {
	Stages   []stage  `json:"stages"`
	Warnings []string `json:"warnings"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: dockerfile-check Dockerfile")
		os.Exit(2)
	}
	file, err := os.Open(os.Args[1])
	if err != nil {
		fail(err)
	}
	defer file.Close()
	ast, err := parser.Parse(file)
	if err != nil {
		fail(err)
	}
	out := report{Stages: []stage{}, Warnings: []string{}}
	for _, w := range ast.Warnings {
		out.Warnings = append(out.Warnings, w.Short)
	}
	lint := linter.New(&linter.Config{Warn: func(rule, _, _, msg string, _ []parser.Range) {
		out.Warnings = append(out.Warnings, rule+": "+msg)
	}})
	stages, _, err := instructions.Parse(ast.AST, lint)
	if err != nil {
		fail(err)
	}
	for _, s := range stages {
		out.Stages = append(out.Stages, stage{Name: s.Name, BaseName: s.BaseName, Commands: len(s.Commands)})
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fail(err)
	}
	if len(out.Warnings) > 0 {
		os.Exit(1)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "dockerfile-check:", err)
	os.Exit(1)
}
