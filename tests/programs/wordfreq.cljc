(ns wordfreq
  "Word statistics over an embedded text: transducers, frequencies, sorting with
  comparators, grouping and formatted tables."
  (:require [clojure.string :as str]
            [clojure.set :as set]))

(def text
  "It was the best of times, it was the worst of times, it was the age of wisdom,
  it was the age of foolishness, it was the epoch of belief, it was the epoch of
  incredulity, it was the season of Light, it was the season of Darkness, it was the
  spring of hope, it was the winter of despair, we had everything before us, we had
  nothing before us, we were all going direct to Heaven, we were all going direct the
  other way -- in short, the period was so far like the present period, that some of
  its noisiest authorities insisted on its being received, for good or for evil, in the
  superlative degree of comparison only.")

(def stop-words #{"the" "of" "it" "was" "we" "to" "in" "on" "or" "for" "so" "that" "its"})

(def words-xf
  (comp (mapcat #(str/split % #"[^A-Za-z']+"))
        (remove str/blank?)
        (map str/lower-case)))

(defn words [s] (into [] words-xf (str/split-lines s)))

(def all-words (words text))

(println "lines:" (count (str/split-lines text)))
(println "words:" (count all-words) "distinct:" (count (set all-words)))
(println "characters:" (transduce (map count) + all-words))

(def freqs (frequencies all-words))

(defn top [n m]
  (take n (sort-by (juxt (comp - val) key) m)))

(println "\nTop 10 words:")
(doseq [[i [w n]] (map-indexed vector (top 10 freqs))]
  (println (format "%2d. %-12s %3d %s" (inc i) w n (apply str (repeat n \*)))))

(println "\nTop content words:")
(prn (top 8 (apply dissoc freqs stop-words)))

(println "\nBy length:")
(let [by-len (group-by count (distinct all-words))]
  (doseq [[len ws] (into (sorted-map) by-len)]
    (println (format "%2d" len) (str/join " " (sort ws)))))

(println "\nFirst letters:")
(prn (into (sorted-map)
           (map (fn [[k v]] [k (count v)]))
           (group-by first all-words)))

(println "\nStats:")
(let [lens (map count all-words)
      n (count lens)
      mean (/ (reduce + lens) n)]
  (println "mean length (ratio):" mean)
  (println "mean length:" (format "%.3f" (double mean)))
  (println "longest:" (apply max-key count (reverse (distinct all-words))))
  (println "median:" (nth (sort lens) (quot n 2))))

(println "\nBigrams:")
(->> all-words
     (partition 2 1)
     (map #(str/join " " %))
     frequencies
     (filter #(> (val %) 2))
     (sort-by key)
     (run! (fn [[bg n]] (println (str "  " bg " x" n)))))

(println "\nRunning totals of 'was':")
(prn (->> all-words (map #(if (= % "was") 1 0)) (reductions +) (dedupe) (drop 1) (take 5) vec))

(println "\nCapitalized repeats:")
(prn (sequence (comp (filter #(> (freqs %) 3)) (distinct) (map str/capitalize)) all-words))

(println "\nSet algebra:")
(let [first-half (set (take 50 all-words))
      second-half (set (drop 50 all-words))]
  (prn (sort (set/intersection first-half second-half)))
  (prn (count (set/union first-half second-half)) (count (set/difference first-half second-half))))

(println "\nTransforms:")
(println (str/upper-case (subs text 0 26)))
(println (str/replace "the age of wisdom" #"\b(\w)(\w*)" (fn [[_ a b]] (str (str/upper-case a) b))))
(println (str/reverse "wisdom") (str/index-of text "Light") (str/includes? text "Heaven"))
(println (str/join "|" (map str/trim ["  a " "b  " "  c"])) (str/triml "  x ") (str/trimr " y  ") ".")
(prn (eduction (filter #(str/starts-with? % "w")) (map keyword) (take 4) all-words))
