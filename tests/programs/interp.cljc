(ns interp
  "A tiny Scheme: a reader over re-seq tokens, an evaluator whose special forms are
  multimethods, closures as records implementing a protocol."
  (:require [clojure.string :as str]))

(defn tokenize [src]
  (re-seq #"[()']|[^\s()']+" (str/replace src #";[^\n]*" "")))

(defn- atom-of [tok]
  (cond
    (re-matches #"-?\d+" tok) (Long/parseLong tok)
    (= tok "#t") true
    (= tok "#f") false
    :else (symbol tok)))

(defn read-all [tokens]
  (letfn [(read-form [[tok & more]]
            (case tok
              nil (throw (ex-info "unexpected EOF" {:phase :read}))
              "(" (read-list more [])
              ")" (throw (ex-info "unexpected )" {:phase :read}))
              "'" (let [[form rest*] (read-form more)] [(list 'quote form) rest*])
              [(atom-of tok) more]))
          (read-list [tokens acc]
            (if (= (first tokens) ")")
              [(apply list acc) (rest tokens)]
              (let [[form rest*] (read-form tokens)]
                (recur rest* (conj acc form)))))]
    (loop [tokens tokens forms []]
      (if (seq tokens)
        (let [[form rest*] (read-form tokens)] (recur rest* (conj forms form)))
        forms))))

(defprotocol Applicable
  (apply-to [f args]))

(declare evaluate)

(defrecord Lambda [params body env]
  Applicable
  (apply-to [_ args]
    (when (not= (count params) (count args))
      (throw (ex-info "arity mismatch" {:expected (count params) :got (count args)})))
    (let [frame (atom (zipmap params args))]
      (last (map #(evaluate % (cons frame env)) body)))))

(defrecord Primitive [name f]
  Applicable
  (apply-to [_ args] (apply f args)))

(defn lookup [env sym]
  (if-let [frame (first (filter #(contains? @% sym) env))]
    (get @frame sym)
    (throw (ex-info (str "unbound symbol: " sym) {:symbol sym}))))

(defmulti eval-list (fn [form _env] (first form)))

(defn evaluate [form env]
  (cond
    (symbol? form) (lookup env form)
    (seq? form) (eval-list form env)
    :else form))

(defmethod eval-list 'quote [[_ x] _] x)
(defmethod eval-list 'if [[_ c t e] env]
  (if (not= false (evaluate c env)) (evaluate t env) (evaluate e env)))
(defmethod eval-list 'define [[_ target & body] env]
  (let [[nm v] (if (seq? target)
                 [(first target) (->Lambda (vec (rest target)) body env)]
                 [target (evaluate (first body) env)])]
    (swap! (first env) assoc nm v)
    nm))
(defmethod eval-list 'set! [[_ sym expr] env]
  (let [v (evaluate expr env)]
    (if-let [frame (first (filter #(contains? @% sym) env))]
      (do (swap! frame assoc sym v) v)
      (throw (ex-info (str "cannot set! unbound " sym) {:symbol sym})))))
(defmethod eval-list 'lambda [[_ params & body] env] (->Lambda (vec params) body env))
(defmethod eval-list 'let [[_ bindings & body] env]
  (evaluate (list* (list* 'lambda (map first bindings) body) (map second bindings)) env))
(defmethod eval-list 'begin [[_ & body] env]
  (reduce (fn [_ f] (evaluate f env)) nil body))
(defmethod eval-list :default [[op & args] env]
  (let [f (evaluate op env)]
    (if (satisfies? Applicable f)
      (apply-to f (mapv #(evaluate % env) args))
      (throw (ex-info "not a procedure" {:value f})))))

(defn show [x]
  (cond
    (true? x) "#t"
    (false? x) "#f"
    (seq? x) (str "(" (str/join " " (map show x)) ")")
    (instance? Lambda x) (str "#<lambda " (str/join " " (:params x)) ">")
    (instance? Primitive x) (str "#<primitive " (:name x) ">")
    (satisfies? Applicable x) "#<procedure>"
    :else (str x)))

(def apply-primitive
  (reify Applicable
    (apply-to [_ [f args]] (apply-to f (vec args)))))

(def global-env
  (list (atom (-> (into {} (for [[k f] {'+ + '- - '* * '< < '= = 'cons cons 'car first
                                        'cdr rest 'list list 'null? empty?}]
                             [k (->Primitive (name k) f)]))
                  (assoc 'apply apply-primitive)))))

(def program "
; factorial and friends
(define (fact n) (if (< n 2) 1 (* n (fact (- n 1)))))
(fact 10)
(define (map f xs) (if (null? xs) '() (cons (f (car xs)) (map f (cdr xs)))))
(map fact '(1 2 3 4 5))
(define (make-counter)
  (let ((n 0)) (lambda () (begin (set! n (+ n 1)) n))))
(define c (make-counter))
(c) (c) (c)
(set! nope 1)
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(map fib '(0 1 2 3 4 5 6 7 8 9 10 15))
(let ((x 2) (y 3)) (* x y))
(define compose (lambda (f g) (lambda (x) (f (g x)))))
((compose fact fib) 6)
(list 1 #t #f '(a b) car compose apply)
(apply + '(1 2 3))
(apply (lambda (a b) (cons b (cons a '()))) (list 1 2))
(undefined-thing 1)
(fact 1 2)
(1 2 3)
")

(doseq [form (read-all (tokenize program))]
  (try
    (println (show form) "=>" (show (evaluate form global-env)))
    (catch clojure.lang.ExceptionInfo e
      (println (show form) "!!" (ex-message e) (ex-data e)))))

(doseq [src ["(+ 1" ")" "(quote"]]
  (println (pr-str src) "->"
           (try (read-all (tokenize src))
                (catch Exception e (str "read error: " (ex-message e))))))
