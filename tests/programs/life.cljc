(ns life
  "Conway's Game of Life on an unbounded board: a board is a set of live [x y] cells."
  (:require [clojure.string :as str]))

(defn neighbours [[x y]]
  (for [dx [-1 0 1] dy [-1 0 1] :when (not= 0 dx dy)]
    [(+ x dx) (+ y dy)]))

(defn step [cells]
  (set (for [[cell n] (frequencies (mapcat neighbours cells))
             :when (or (= n 3) (and (= n 2) (contains? cells cell)))]
         cell)))

(defn parse-board [& rows]
  (into #{}
        (for [[y row] (map-indexed vector rows)
              [x ch] (map-indexed vector row)
              :when (= ch \#)]
          [x y])))

(defn bounds [cells]
  (when (seq cells)
    (let [xs (map first cells) ys (map second cells)]
      {:min-x (apply min xs) :max-x (apply max xs)
       :min-y (apply min ys) :max-y (apply max ys)})))

(defn render [cells & {:keys [live dead] :or {live \# dead \.}}]
  (if-let [{:keys [min-x max-x min-y max-y]} (bounds cells)]
    (str/join "\n"
              (for [y (range min-y (inc max-y))]
                (apply str (for [x (range min-x (inc max-x))]
                             (if (cells [x y]) live dead)))))
    "(empty)"))


(defn normalize
  "Shifts a pattern so its bounding box starts at the origin."
  [cells]
  (let [{:keys [min-x min-y]} (bounds cells)]
    (into (sorted-set) (map (fn [[x y]] [(- x min-x) (- y min-y)])) cells)))

(defn period
  "The first generation > 0 at which the pattern repeats its shape, or nil."
  [cells limit]
  (let [shape (normalize cells)]
    (->> (iterate step cells)
         (take (inc limit))
         (keep-indexed (fn [i c] (when (and (pos? i) (= shape (normalize c))) i)))
         first)))

(defn classify [cells limit]
  (let [gens (take (inc limit) (iterate step cells))]
    (case (count (distinct (map normalize gens)))
      1 :still-life
      2 :oscillator
      (cond-> :evolving
        (empty? (last gens)) (-> name (str "-to-death") keyword)))))

(def patterns
  (array-map
   :blinker (parse-board "###")
   :glider (parse-board ".#." "..#" "###")
   :toad (parse-board ".###" "###.")
   :beacon (parse-board "##.." "##.." "..##" "..##")
   :block (parse-board "##" "##")
   :diehard-ish (parse-board "#.#" "..." "#..")
   :r-pentomino (parse-board ".##" "##." ".#.")))

(doseq [[k cells] patterns]
  (println (str "== " (name k) " (" (count cells) " cells)"))
  (println (render cells))
  (println "period:" (period cells 8) "class:" (classify cells 4)))

(println "== glider, 4 generations")
(doseq [[i g] (map-indexed vector (take 5 (iterate step (:glider patterns))))]
  (println "gen" i (vec (sort g))))

(let [gens (take 30 (iterate step (:r-pentomino patterns)))]
  (println "r-pentomino populations:" (str/join "," (map count gens)))
  (println (render (last gens) :live "O" :dead " "))
  (prn (bounds (last gens))))

(let [drift (fn [cells n] (let [a (bounds cells) b (bounds (nth (iterate step cells) n))]
                            (merge-with - (select-keys b [:min-x :min-y])
                                        (select-keys a [:min-x :min-y]))))]
  (prn (drift (:glider patterns) 8)))
