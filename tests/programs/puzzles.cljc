(ns puzzles
  "Backtracking search: n-queens as a lazy seq of solutions, and a sudoku solver
  that fills the most constrained cell first."
  (:require [clojure.string :as str]
            [clojure.set :as set]))

;; ---- n-queens ----------------------------------------------------------------

(defn safe? [placed col]
  (let [row (count placed)]
    (not-any? (fn [[r c]] (or (= c col) (= (Math/abs (- r row)) (Math/abs (- c col)))))
              (map-indexed vector placed))))

(defn queens
  "A lazy seq of all solutions; each is a vector of columns, one per row."
  ([n] (queens n []))
  ([n placed]
   (if (= n (count placed))
     [placed]
     (lazy-seq
      (mapcat #(queens n (conj placed %))
              (filter #(safe? placed %) (range n)))))))

(defn draw [solution]
  (let [n (count solution)]
    (str/join "\n" (for [c solution]
                     (str/join " " (assoc (vec (repeat n ".")) c "Q"))))))

(println "solutions for n = 1..8:" (mapv #(count (queens %)) (range 1 9)))
(println "first 8-queens solution:" (first (queens 8)))
(println (draw (first (queens 6))))
(let [realized (atom 0)
      counted (map (fn [s] (swap! realized inc) s) (queens 8))]
  (println "first 3 of 8:" (vec (take 3 counted)))
  (println "realized:" @realized)
  (let [squares (map #(do (swap! realized inc) (* % %)) (range 100))]
    (println "squares:" (vec (take 5 squares)) "realized:" @realized)))

;; ---- sudoku ------------------------------------------------------------------

(def digits (set (range 1 10)))

(defn parse-grid [s]
  (->> (str/replace s #"\s+" "")
       (mapv #(if (= % \.) 0 (Character/digit % 10)))))

(defn peers [i]
  (let [r (quot i 9) c (mod i 9)
        br (* 3 (quot r 3)) bc (* 3 (quot c 3))]
    (disj (set (concat (for [k (range 9)] (+ (* r 9) k))
                       (for [k (range 9)] (+ (* k 9) c))
                       (for [dr (range 3) dc (range 3)] (+ (* (+ br dr) 9) bc dc))))
          i)))

(def peer-table (mapv peers (range 81)))

(defn candidates [grid i]
  (set/difference digits (into #{} (map grid) (peer-table i))))

(defn solve [grid]
  (let [empties (filter #(zero? (grid %)) (range 81))]
    (if (empty? empties)
      grid
      (let [[i cands] (apply min-key (comp count second)
                             (map (juxt identity #(candidates grid %)) empties))]
        (some #(solve (assoc grid i %)) (sort cands))))))

(defn show-grid [grid]
  (->> (partition 9 grid)
       (map (fn [row] (->> (partition 3 row) (map #(apply str %)) (str/join "|"))))
       (partition 3)
       (map #(str/join "\n" %))
       (str/join "\n---+---+---\n")))

(def puzzle
  "53..7.... 6..195... .98....6. 8...6...3 4..8.3..1 7...2...6 .6....28. ...419..5 ....8..79")

(let [grid (parse-grid puzzle)
      solved (solve grid)]
  (println "\npuzzle has" (count (filter zero? grid)) "blanks")
  (println (show-grid solved))
  (println "rows ok?" (every? #(= digits (set %)) (partition 9 solved)))
  (println "cols ok?" (every? (fn [c] (= digits (set (take-nth 9 (drop c solved))))) (range 9)))
  (println "peers of 0:" (vec (sort (peer-table 0))))
  (println "contradiction:" (solve (assoc grid 2 5 3 5))))

;; ---- small classics ----------------------------------------------------------

(def lattice-paths
  (memoize (fn [r c] (if (or (zero? r) (zero? c)) 1 (+ (lattice-paths (dec r) c)
                                                       (lattice-paths r (dec c)))))))

(defn collatz-lengths [n]
  (loop [i 1 acc (transient {})]
    (if (> i n)
      (persistent! acc)
      (recur (inc i) (assoc! acc i (count (take-while #(not= 1 %)
                                                      (iterate #(if (even? %) (quot % 2) (inc (* 3 %))) i))))))))

(declare my-odd?)
(defn my-even? [n] (if (zero? n) true #(my-odd? (dec n))))
(defn my-odd? [n] (if (zero? n) false #(my-even? (dec n))))

(defn hanoi [n from to via]
  (when (pos? n)
    (concat (hanoi (dec n) from via to) [[from to]] (hanoi (dec n) via to from))))

(println "\nlattice paths 16x16:" (lattice-paths 16 16))
(let [lengths (collatz-lengths 30)
      [best steps] (apply max-key val (sort lengths))]
  (println "longest collatz below 30:" best "with" steps "steps")
  (prn (into (sorted-map-by >) (filter #(> (val %) 15)) lengths)))
(println "trampolined parity:" (trampoline my-even? 10001) (trampoline my-odd? 10001))
(let [moves (hanoi 4 :a :c :b)
      out (with-out-str (doseq [[i [f t]] (map vector (range 1 4) moves)] (printf "%d:%s->%s " i (name f) (name t))))]
  (println "hanoi 4:" (count moves) "moves, first three:" (str/trim out)))
(prn (persistent! (reduce conj! (transient []) (map #(* % %) (range 5))))
     (persistent! (reduce #(assoc! %1 (mod %2 3) %2) (transient {}) (range 10))))
