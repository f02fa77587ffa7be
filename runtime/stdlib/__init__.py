"""Python helpers of the bundled standard namespaces (runtime/clj/clojure/*.jank): the parts
that are host work (Java regex semantics, the EDN reader, the pretty printer, cl-format)."""
