(ns json
  "A small JSON parser and printer: recursive descent over a string, with
  positions threaded through return values, and a pretty printer."
  (:require [clojure.string :as str]))

(defn- fail [msg pos]
  (throw (ex-info (str msg " at " pos) {:type :parse-error :pos pos})))

(defn- skip-ws [s pos]
  (loop [i pos]
    (if (and (< i (count s)) (Character/isWhitespace (nth s i)))
      (recur (inc i))
      i)))

(def ^:private escapes {\" \" \\ \\ \/ \/ \n \newline \t \tab \r \return})

(declare parse-value)

(defn- parse-string [s pos]
  (loop [i (inc pos) sb []]
    (when (>= i (count s)) (fail "unterminated string" pos))
    (let [c (nth s i)]
      (cond
        (= c \") [(apply str sb) (inc i)]
        (= c \\) (if-let [e (escapes (nth s (inc i) nil))]
                   (recur (+ i 2) (conj sb e))
                   (fail "bad escape" i))
        :else (recur (inc i) (conj sb c))))))

(defn- parse-number [s pos]
  (let [m (re-find #"^-?\d+(\.\d+)?([eE][+-]?\d+)?" (subs s pos))
        [text frac ex] m]
    (when-not text (fail "bad number" pos))
    [(if (or frac ex) (Double/parseDouble text) (Long/parseLong text))
     (+ pos (count text))]))

(defn- parse-seq [s pos close parse-item]
  (let [pos (skip-ws s (inc pos))]
    (if (= (nth s pos nil) close)
      [[] (inc pos)]
      (loop [acc [] pos pos]
        (let [[item pos] (parse-item s pos)
              acc (conj acc item)
              pos (skip-ws s pos)]
          (case (nth s pos nil)
            \, (recur acc (skip-ws s (inc pos)))
            nil (fail "unexpected end" pos)
            (if (= (nth s pos) close)
              [acc (inc pos)]
              (fail (str "expected " close) pos))))))))

(defn- parse-entry [s pos]
  (let [[k pos] (parse-string s pos)
        pos (skip-ws s pos)
        _ (when-not (= \: (nth s pos nil)) (fail "expected :" pos))
        [v pos] (parse-value s (skip-ws s (inc pos)))]
    [[(keyword k) v] pos]))

(defn- parse-value [s pos]
  (let [pos (skip-ws s pos)
        c (nth s pos nil)]
    (cond
      (nil? c) (fail "unexpected end" pos)
      (= c \{) (let [[entries pos] (parse-seq s pos \} parse-entry)]
                 [(into (array-map) entries) pos])
      (= c \[) (parse-seq s pos \] parse-value)
      (= c \") (parse-string s pos)
      (str/starts-with? (subs s pos) "true") [true (+ pos 4)]
      (str/starts-with? (subs s pos) "false") [false (+ pos 5)]
      (str/starts-with? (subs s pos) "null") [nil (+ pos 4)]
      :else (parse-number s pos))))

(defn parse [s]
  (let [[v pos] (parse-value s 0)
        pos (skip-ws s pos)]
    (if (= pos (count s)) v (fail "trailing input" pos))))

(defn- quote-str [s]
  (str \" (str/escape s {\" "\\\"" \\ "\\\\" \newline "\\n" \tab "\\t"}) \"))

(defprotocol JsonWritable
  (write-json [x depth] "The JSON text of x, nested `depth` levels deep."))

(defn emit
  ([v] (emit v 0))
  ([v depth] (write-json v depth)))

(defn- indent [depth] (apply str (repeat (* 2 depth) \space)))

(extend-protocol JsonWritable
  nil
  (write-json [_ _] "null")
  String
  (write-json [s _] (quote-str s))
  clojure.lang.Keyword
  (write-json [k _] (quote-str (name k)))
  Boolean
  (write-json [b _] (str b))
  Number
  (write-json [n _] (str n))
  clojure.lang.IPersistentMap
  (write-json [m depth]
    (if (empty? m)
      "{}"
      (str "{\n"
           (str/join ",\n" (for [[k x] m]
                             (str (indent (inc depth)) (quote-str (name k)) ": "
                                  (emit x (inc depth)))))
           "\n" (indent depth) "}")))
  clojure.lang.Sequential
  (write-json [v depth]
    (if (every? (some-fn number? nil? boolean?) v)
      (str "[" (str/join ", " (map emit v)) "]")
      (str "[\n" (str/join ",\n" (map #(str (indent (inc depth)) (emit % (inc depth))) v))
           "\n" (indent depth) "]"))))

(def doc
  "{\"name\": \"pyjank\", \"version\": 1.5, \"tags\": [\"lisp\", \"python\"],
    \"stats\": {\"stars\": 42, \"ratio\": -2.5e3, \"ok\": true, \"missing\": null},
    \"matrix\": [[1, 2], [3, 4], []], \"escaped\": \"tab\\there \\\"q\\\" \\\\ /\",
    \"people\": [{\"id\": 1, \"langs\": [\"clj\"]}, {\"id\": 2, \"langs\": []}]}")

(let [data (parse doc)]
  (prn data)
  (println (emit data))
  (prn (get-in data [:stats :ratio]) (-> data :people second :id))
  (prn (= data (parse (emit data))))
  (prn (mapv :id (:people data)) (reduce + (flatten (:matrix data))))
  (println (emit (list :a 1/2 (sorted-map :z 1 :y [true false nil]))))
  (try (emit ['sym])
       (catch IllegalArgumentException e (println "error:" (ex-message e))))
  (prn (map #(satisfies? JsonWritable %) [nil "s" 1 :k {} [] #{} \c])))

(doseq [bad ["[1, 2" "{\"a\" 1}" "[1,]" "\"abc" "[1] x" "{\"k\": tru}"]]
  (try
    (prn (parse bad))
    (catch clojure.lang.ExceptionInfo e
      (println "error:" (ex-message e) (pr-str (ex-data e))))))
