// Command k8s-strict decodes every object of a multi-document YAML stream (stdin) into the typed
// Kubernetes API structs of k8s.io/api with the API machinery's strict serializer, the decoder the API
// server uses for `fieldValidation=Strict`: unknown fields, duplicate fields and wrong types are errors.
// Kinds it does not know (custom resources such as KEDA's) are reported as skipped, not accepted.
//
//	kustomize build k8s/overlays/prod | k8s-strict
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer/json"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
)

func main() {
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{
		appsv1.AddToScheme, autoscalingv2.AddToScheme, corev1.AddToScheme,
		networkingv1.AddToScheme, policyv1.AddToScheme,
	} {
		if err := add(scheme); err != nil {
			fail(err)
		}
	}
	strict := json.NewSerializerWithOptions(json.DefaultMetaFactory, scheme, scheme,
		json.SerializerOptions{Yaml: true, Strict: true})
	reader := utilyaml.NewYAMLReader(bufio.NewReader(os.Stdin))
	checked, skipped, failed := 0, 0, 0
	for {
		doc, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fail(err)
		}
		_, gvk, err := strict.Decode(doc, nil, nil)
		switch {
		case err == nil:
			checked++
			fmt.Printf("ok %s %s\n", gvk.GroupVersion(), gvk.Kind)
		case runtime.IsNotRegisteredError(err):
			skipped++
			fmt.Printf("skip %v\n", err)
		case gvk == nil && runtime.IsMissingKind(err):
			// An empty document between separators.
			continue
		default:
			failed++
			fmt.Printf("error %v\n", err)
		}
	}
	fmt.Printf("checked %d, skipped %d, failed %d\n", checked, skipped, failed)
	if failed > 0 {
		os.Exit(1)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "k8s-strict:", err)
	os.Exit(1)
}
